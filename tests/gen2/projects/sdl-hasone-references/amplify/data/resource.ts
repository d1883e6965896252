import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type Customer @model {
      id: ID!
      name: String
      cart: Cart @hasOne(references: ["customerId"])
    }

    type Cart @model {
      id: ID!
      items: [String]
      customerId: ID
      customer: Customer @belongsTo(references: ["customerId"])
    }
  `,
});
