import { DdpRegistry, type DdpConnection } from '../ddp/registry.js';
import { ignoresPings, planFaults } from '../scenarios/apply-faults.js';
import { faultsFor } from '../scenarios/scenario.js';
import type { ScenarioController } from '../scenarios/scenario-controller.js';
import { matchError, MockchatConfigError } from '../errors.js';
import type { DdpContract } from '../spec/ddp-contract.js';
import { invokeMethod, METHODS, type MethodContext, type ParamsCheck } from './methods.js';
import { refusalBody } from './rest/render-error.js';
import type { Workspace } from './workspace.js';

/** Publications a Rocket.Chat client subscribes to on start; they answer `ready` with no documents. */
const EMPTY_PUBLICATIONS = ['meteor.loginServiceConfiguration', 'meteor_autoupdate_clientVersions'];

/**
 * Rocket.Chat on the DDP server: every method of the shared registry (`METHODS`), each
 * invoked only through `invokeMethod`, and the empty publications clients open at start.
 * Everything else answers Meteor's 404 from the protocol layer. With a `contract` (read on
 * every call, so a hot reload applies at once: specs/rocketchat.ddp.yaml), params its schemas reject fail as Meteor's `check()` does:
 * `Match failed [400]`.
 */
export function rocketChatDdp(scenariosOf: (sandbox: string | undefined) => ScenarioController, contract?: () => DdpContract): DdpRegistry {
  const registry = new DdpRegistry();
  // `?sandbox=NAME` picks the sandbox; `?scenario=a,b` lays scenarios over this connection only.
  // The active set is read on every call, so a switch is seen by open connections at once.
  const scoped = (connection: DdpConnection) => scenariosOf(connection.query.sandbox).scoped(connection.query.scenario);
  const checkParams: ParamsCheck | undefined = contract
    ? (ctx, name, params) => {
        const problem = contract().paramsProblem(name, params, ctx.ws.settings);
        if (problem) throw matchError(`${problem} (params of ${name}, specs/rocketchat.ddp.yaml)`);
      }
    : undefined;
  for (const name of Object.keys(METHODS)) {
    registry.method(name, (connection, params) => invokeMethod(methodContext(scoped(connection).ws, connection), name, params, checkParams));
  }
  registry.policy = {
    refuse: (query) => {
      try {
        scenariosOf(query.sandbox).scoped(query.scenario);
        return undefined;
      } catch (error) {
        // As REST answers the same name in X-Mockchat-Scenario / X-Mockchat-Sandbox.
        return refusalBody((error as Error).message, error instanceof MockchatConfigError ? error.code : undefined);
      }
    },
    faults: (connection, method) => {
      const faults = faultsFor(scoped(connection).scenario, { method });
      return faults.length ? planFaults(faults) : undefined;
    },
    answersPings: (connection) => !ignoresPings(scoped(connection).scenario.faults ?? []),
  };
  for (const name of EMPTY_PUBLICATIONS) registry.publish(name, (sub) => sub.ready());
  return registry;
}

/**
 * The connection as a method sees it. A login token revoked elsewhere (REST logout, a reset)
 * logs the connection out, as Meteor does when a token disappears from the user document.
 */
function methodContext(ws: Workspace, connection: DdpConnection): MethodContext {
  if (connection.token && ws.tokens.find(connection.token)?.userId !== connection.userId) connection.setUser(undefined);
  return {
    ws,
    userId: connection.userId,
    token: connection.token,
    connectionId: connection.id,
    setUser: (user) => connection.setUser(user),
  };
}
