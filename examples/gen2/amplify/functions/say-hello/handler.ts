import { env } from '$amplify/env/say-hello';

type Event = { arguments: { name?: string | null } };

export const handler = async (event: Event): Promise<string> =>
  `${env.GREETING}, ${event.arguments.name ?? 'stranger'}!`;
