import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type Reading @model {
      id: ID!
      sensor: String!
      value: Float
    }
  `,
  authorizationModes: { defaultAuthorizationMode: 'iam' },
});
