export {
  ApiRequestError,
  dismissFailure,
  failedLoad,
  failNext,
  lastFailure,
  rememberFailure,
  request,
  session,
  setFailNext,
} from "./api";
export { createTodoManager } from "./todos";
export type { TodoManager } from "./todos";
