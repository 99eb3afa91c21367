import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = Fastify({ logger: true });

app.get('/healthz', async () => ({ ok: true, version: process.env.APP_VERSION ?? 'dev' }));

// Best caregiver matches for a client, highest score first.
app.get<{ Params: { clientId: string } }>('/clients/:clientId/matches', async (req) => {
  return prisma.match.findMany({
    where: { clientId: req.params.clientId, status: 'PROPOSED' },
    orderBy: { score: 'desc' },
    take: 20,
    include: { caregiver: { select: { id: true, displayName: true, languages: true } } },
  });
});

app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 4000) }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
