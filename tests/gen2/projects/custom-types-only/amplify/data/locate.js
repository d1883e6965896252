export function request() { return {}; }
export function response() { return { lat: 1, long: 2 }; }
