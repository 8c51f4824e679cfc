import { useEffect, useState } from 'react';
import type { EngineStatus } from '../../workers/engine.ts';
import { getEngine } from './engineClient.ts';

const WAITING: EngineStatus = { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } };

/** The engine's loading stages as they progress. */
export function useEngineStatus(): EngineStatus {
  const [status, setStatus] = useState<EngineStatus>(WAITING);
  useEffect(() => {
    getEngine((stage, s) => setStatus((prev) => ({ ...prev, [stage]: s })));
  }, []);
  return status;
}
