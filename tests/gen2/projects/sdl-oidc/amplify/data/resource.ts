import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type Ticket @model {
      id: ID!
      subject: String
    }
  `,
  authorizationModes: {
    oidcAuthorizationMode: {
      oidcProviderName: 'oidc',
      oidcIssuerUrl: 'https://issuer.example',
      tokenExpiryFromAuthInSeconds: 300,
      tokenExpireFromIssueInSeconds: 600,
    },
  },
});
