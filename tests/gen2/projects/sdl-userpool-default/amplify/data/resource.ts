import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type Profile @model {
      id: ID!
      displayName: String
      bio: String
    }
  `,
});
