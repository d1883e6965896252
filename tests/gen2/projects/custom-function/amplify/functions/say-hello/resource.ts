import { defineFunction } from '@aws-amplify/backend';

export const sayHello = defineFunction({
  name: 'say-hello',
  environment: { GREETING: 'Hello' },
  timeoutSeconds: 5,
});
