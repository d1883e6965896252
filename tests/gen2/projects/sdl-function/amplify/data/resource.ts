import { defineData } from '@aws-amplify/backend';
import { echo } from '../functions/echo/resource';

export const data = defineData({
  schema: /* GraphQL */ `
    type Query {
      echo(msg: String): String @function(name: "echo")
    }

    type Note @model {
      id: ID!
      text: String
    }
  `,
  functions: { echo },
});
