import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type Customer @model {
      id: ID!
      name: String
      phoneNumber: String
      accountRepresentativeId: ID!
        @index(name: "byRepresentative", sortKeyFields: ["name"], queryField: "customersByRepresentative")
      email: String @index
    }
  `,
});
