import { defineFunction, secret } from '@aws-amplify/backend';
export const sayHello = defineFunction({
  environment: { GREETING: 'Hello', API_KEY: secret('api-key') },
  timeoutSeconds: 10,
});
