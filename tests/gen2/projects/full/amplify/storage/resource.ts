import { defineStorage } from '@aws-amplify/backend';
import { sayHello } from '../functions/say-hello/resource';
export const storage = defineStorage({
  name: 'photos',
  access: (allow) => ({
    'public/*': [allow.guest.to(['read']), allow.authenticated.to(['read', 'write', 'delete'])],
    'private/{entity_id}/*': [allow.entity('identity').to(['read', 'write', 'delete'])],
    'admin/*': [allow.groups(['ADMINS']).to(['read', 'write']), allow.resource(sayHello).to(['read'])],
  }),
  triggers: { onUpload: sayHello },
});
