import { type ClientSchema, a, defineData } from '@aws-amplify/backend';
import { sayHello } from '../functions/say-hello/resource';

const schema = a.schema({
  Todo: a
    .model({
      content: a.string(),
      done: a.boolean(),
      comments: a.hasMany('Comment', 'todoId'),
    })
    .authorization((allow) => [allow.owner()]),
  Comment: a
    .model({
      body: a.string().required(),
      todoId: a.id(),
      todo: a.belongsTo('Todo', 'todoId'),
    })
    .authorization((allow) => [allow.owner()]),
  sayHello: a
    .query()
    .arguments({ name: a.string() })
    .returns(a.string())
    .handler(a.handler.function(sayHello))
    .authorization((allow) => [allow.authenticated()]),
  addTodo: a
    .mutation()
    .arguments({ content: a.string().required() })
    .returns(a.ref('Todo'))
    .handler(a.handler.custom({ dataSource: a.ref('Todo'), entry: './addTodo.js' }))
    .authorization((allow) => [allow.authenticated()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 30 },
  },
});
