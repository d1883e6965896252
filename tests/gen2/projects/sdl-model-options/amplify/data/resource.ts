import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type AuditEvent @model(mutations: { create: "recordEvent" }, subscriptions: null, timestamps: { createdAt: "recordedAt", updatedAt: null }) {
      id: ID!
      action: String!
    }

    type Setting @model(queries: { get: "setting" }) {
      id: ID!
      value: AWSJSON
    }
  `,
});
