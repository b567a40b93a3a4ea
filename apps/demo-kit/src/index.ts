export { ApiRequestError, failNext, request, session } from "./api";
export { createTodoManager } from "./todos";
export type { TodoManager } from "./todos";
