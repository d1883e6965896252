export const handler = async (event: { arguments: { msg: string } }) => event.arguments.msg;
