export const handler = async (event: { arguments: { name: string } }) => `Hello, ${event.arguments.name}!`;
