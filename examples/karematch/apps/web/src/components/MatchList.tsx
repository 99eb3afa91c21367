'use client';

import { useEffect, useState } from 'react';

type Match = { id: string; score: number; caregiver: { displayName: string; languages: string[] } };

export function MatchList({ clientId = 'me' }: { clientId?: string }) {
  const [matches, setMatches] = useState<Match[]>([]);

  useEffect(() => {
    fetch(`/api/clients/${clientId}/matches`).then((r) => r.json()).then(setMatches);
  }, [clientId]);

  if (matches.length === 0) return <p data-testid="empty">No matches yet - we are still looking.</p>;
  return (
    <ul className="divide-y">
      {matches.map((m) => (
        <li key={m.id} className="py-3">
          <span className="font-medium">{m.caregiver.displayName}</span>
          <span className="ml-2 text-sm text-slate-500">{m.caregiver.languages.join(', ')}</span>
          <span className="float-right tabular-nums">{Math.round(m.score * 100)}%</span>
        </li>
      ))}
    </ul>
  );
}
