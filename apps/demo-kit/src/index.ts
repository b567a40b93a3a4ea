export { ApiRequestError, failNext, lastFailure, rememberFailure, request, session } from "./api";
export { createTodoManager } from "./todos";
export type { TodoManager } from "./todos";
