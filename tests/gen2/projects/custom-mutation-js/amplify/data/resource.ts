import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a
    .model({
      title: a.string().required(),
      likes: a.integer().default(0),
    })
    .authorization((allow) => [allow.authenticated()]),
  likePost: a
    .mutation()
    .arguments({ postId: a.id().required() })
    .returns(a.ref('Post'))
    .handler(a.handler.custom({ dataSource: a.ref('Post'), entry: './likePost.js' }))
    .authorization((allow) => [allow.authenticated()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema });
