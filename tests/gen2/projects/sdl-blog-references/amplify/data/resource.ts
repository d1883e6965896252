import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type Blog @model {
      id: ID!
      name: String!
      posts: [Post] @hasMany(references: ["blogId"])
    }

    type Post @model {
      id: ID!
      title: String!
      blogId: ID
      blog: Blog @belongsTo(references: ["blogId"])
      comments: [Comment] @hasMany(references: ["postId"])
    }

    type Comment @model {
      id: ID!
      content: String
      postId: ID
      post: Post @belongsTo(references: ["postId"])
    }
  `,
});
