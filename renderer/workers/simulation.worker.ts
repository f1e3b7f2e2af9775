/** The simulation worker: a message adapter around the shared engine (see renderer/simulation/worker-adapter.ts). */
import type { SimRequest, SimResponse, MessageEndpoint } from '../simulation/protocol';
import { serveSimulation } from '../simulation/worker-adapter';

serveSimulation(self as unknown as MessageEndpoint<SimRequest, SimResponse>);
