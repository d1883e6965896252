import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Blog: a.model({
      name: a.string().required(),
      posts: a.hasMany('Post', 'blogId'),
    }),
    Post: a.model({
      title: a.string().required(),
      content: a.string(),
      blogId: a.id(),
      blog: a.belongsTo('Blog', 'blogId'),
      comments: a.hasMany('Comment', 'postId'),
    }),
    Comment: a.model({
      content: a.string(),
      postId: a.id(),
      post: a.belongsTo('Post', 'postId'),
    }),
  })
  .authorization((allow) => [allow.guest().to(['read']), allow.authenticated()]);

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema });
