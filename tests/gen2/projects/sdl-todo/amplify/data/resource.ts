import { defineData } from '@aws-amplify/backend';

const schema = /* GraphQL */ `
  type Todo @model {
    id: ID!
    content: String
    isDone: Boolean
  }
`;

export const data = defineData({ schema });
