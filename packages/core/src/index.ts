/**
 * The optimistic store and its manager: confirmed server rows plus a log of pending changes,
 * on MobX and TanStack Query Core, with framework-free observers.
 *
 * @module @aos/core
 */
export {
  AosError,
  ConflictError,
  InvalidServerResponseError,
  isAosError,
  MutationError,
  ValidationError,
} from "./errors";
export type { FieldIssue, MutationKind } from "./errors";
export { createOptimisticStoreManager } from "./manager/createOptimisticStoreManager";
export { ManagerStatus } from "./manager/ManagerStatus";
export type {
  ConfiguredManager,
  ManagerActions,
  ManagerOptions,
  MutationContext,
  Mutations,
  MutationSchemas,
  OptimisticStoreManager,
  OptimisticStoreManagerConfig,
  SchemaInput,
  SchemaOutput,
} from "./manager/types";
export { OptimisticStore } from "./store/OptimisticStore";
export type {
  ConflictContext,
  ConflictResolver,
  ConflictStrategy,
  Entity,
  NewPendingMutation,
  OptimisticStoreOptions,
  PendingMutation,
  ServerChangeMeta,
} from "./store/types";
// Realtime's code is in "@aos/core/realtime"; its types are here too, for transports.
export type { RealtimeExtension, RealtimeTarget } from "./realtime/RealtimeExtension";
export type {
  ConnectionStatus,
  InvalidRealtimeEvent,
  RealtimeConfig,
  RealtimeEnvelope,
  RealtimeFactory,
  RealtimeTransport,
  SocketLike,
} from "./realtime/types";
export { createObserver } from "./observers/createObserver";
export type { SnapshotObserver } from "./observers/createObserver";
export { createCountObserver } from "./observers/createCountObserver";
export { createFormObserver } from "./observers/createFormObserver";
export type {
  FormActions,
  FormObserver,
  FormOptions,
  FormSnapshot,
  FormTarget,
  FormValues,
} from "./observers/createFormObserver";
export {
  createEntityObserver,
  createListObserver,
  createPendingObserver,
  createStatusObserver,
} from "./observers/managerObservers";
export type { StatusSnapshot } from "./observers/managerObservers";
export type { StandardSchemaV1 } from "@standard-schema/spec";
