export { malformedEvents } from "./malformedEvents.js";
export { startSocketIoServer, startWsServer } from "./servers.js";
export { createTodoBackend } from "./todoBackend.js";
