import { MatchList } from '../components/MatchList';

export default function HomePage() {
  return (
    <main className="mx-auto max-w-4xl p-6">
      <h1 className="text-2xl font-semibold">Your caregiver matches</h1>
      <p className="text-slate-600">Ranked by availability, skills and language.</p>
      <MatchList />
    </main>
  );
}
