/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedSubscription<InputType, OutputType> = string & {
  __generatedSubscriptionInput: InputType;
  __generatedSubscriptionOutput: OutputType;
};

export const onCreatePost = /* GraphQL */ `subscription OnCreatePost($owner: String) {
  onCreatePost(owner: $owner) {
    id
    blogID
    title
    body
    version
    createdAt
    owner
    editors
    comments {
      nextToken
      __typename
    }
    wordCount
    updatedAt
    blog {
      id
      name
      owner
      createdAt
      updatedAt
      __typename
    }
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreatePostSubscriptionVariables,
  APITypes.OnCreatePostSubscription
>;
export const onUpdatePost = /* GraphQL */ `subscription OnUpdatePost($owner: String) {
  onUpdatePost(owner: $owner) {
    id
    blogID
    title
    body
    version
    createdAt
    owner
    editors
    comments {
      nextToken
      __typename
    }
    wordCount
    updatedAt
    blog {
      id
      name
      owner
      createdAt
      updatedAt
      __typename
    }
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnUpdatePostSubscriptionVariables,
  APITypes.OnUpdatePostSubscription
>;
export const onDeletePost = /* GraphQL */ `subscription OnDeletePost($owner: String) {
  onDeletePost(owner: $owner) {
    id
    blogID
    title
    body
    version
    createdAt
    owner
    editors
    comments {
      nextToken
      __typename
    }
    wordCount
    updatedAt
    blog {
      id
      name
      owner
      createdAt
      updatedAt
      __typename
    }
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnDeletePostSubscriptionVariables,
  APITypes.OnDeletePostSubscription
>;
export const onCreateComment = /* GraphQL */ `subscription OnCreateComment($owner: String) {
  onCreateComment(owner: $owner) {
    id
    content
    owner
    post {
      id
      blogID
      title
      body
      version
      createdAt
      owner
      editors
      wordCount
      updatedAt
      __typename
    }
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreateCommentSubscriptionVariables,
  APITypes.OnCreateCommentSubscription
>;
export const onUpdateComment = /* GraphQL */ `subscription OnUpdateComment($owner: String) {
  onUpdateComment(owner: $owner) {
    id
    content
    owner
    post {
      id
      blogID
      title
      body
      version
      createdAt
      owner
      editors
      wordCount
      updatedAt
      __typename
    }
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnUpdateCommentSubscriptionVariables,
  APITypes.OnUpdateCommentSubscription
>;
export const onDeleteComment = /* GraphQL */ `subscription OnDeleteComment($owner: String) {
  onDeleteComment(owner: $owner) {
    id
    content
    owner
    post {
      id
      blogID
      title
      body
      version
      createdAt
      owner
      editors
      wordCount
      updatedAt
      __typename
    }
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnDeleteCommentSubscriptionVariables,
  APITypes.OnDeleteCommentSubscription
>;
export const onCreateOrder = /* GraphQL */ `subscription OnCreateOrder($customerEmail: String) {
  onCreateOrder(customerEmail: $customerEmail) {
    customerEmail
    orderDate
    status
    total
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreateOrderSubscriptionVariables,
  APITypes.OnCreateOrderSubscription
>;
export const onUpdateOrder = /* GraphQL */ `subscription OnUpdateOrder($customerEmail: String) {
  onUpdateOrder(customerEmail: $customerEmail) {
    customerEmail
    orderDate
    status
    total
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnUpdateOrderSubscriptionVariables,
  APITypes.OnUpdateOrderSubscription
>;
export const onDeleteOrder = /* GraphQL */ `subscription OnDeleteOrder($customerEmail: String) {
  onDeleteOrder(customerEmail: $customerEmail) {
    customerEmail
    orderDate
    status
    total
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnDeleteOrderSubscriptionVariables,
  APITypes.OnDeleteOrderSubscription
>;
export const onCreateBlog = /* GraphQL */ `subscription OnCreateBlog($owner: String) {
  onCreateBlog(owner: $owner) {
    id
    name
    owner
    posts {
      nextToken
      __typename
    }
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreateBlogSubscriptionVariables,
  APITypes.OnCreateBlogSubscription
>;
export const onUpdateBlog = /* GraphQL */ `subscription OnUpdateBlog($owner: String) {
  onUpdateBlog(owner: $owner) {
    id
    name
    owner
    posts {
      nextToken
      __typename
    }
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnUpdateBlogSubscriptionVariables,
  APITypes.OnUpdateBlogSubscription
>;
export const onDeleteBlog = /* GraphQL */ `subscription OnDeleteBlog($owner: String) {
  onDeleteBlog(owner: $owner) {
    id
    name
    owner
    posts {
      nextToken
      __typename
    }
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnDeleteBlogSubscriptionVariables,
  APITypes.OnDeleteBlogSubscription
>;
