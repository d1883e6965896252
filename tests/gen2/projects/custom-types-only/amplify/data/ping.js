export function request() { return {}; }
export function response() { return "pong"; }
