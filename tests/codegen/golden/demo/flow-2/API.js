/* @flow */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type CreateTodoInput = {|
  id?: ?string,
  name: string,
  description?: ?string,
  done?: ?boolean,
  priority?: ?number,
|};

export type ModelTodoConditionInput = {|
  name?: ?ModelStringInput,
  description?: ?ModelStringInput,
  done?: ?ModelBooleanInput,
  priority?: ?ModelIntInput,
  and?: ?Array< ?ModelTodoConditionInput >,
  or?: ?Array< ?ModelTodoConditionInput >,
  not?: ?ModelTodoConditionInput,
|};

export type ModelStringInput = {|
  ne?: ?string,
  eq?: ?string,
  le?: ?string,
  lt?: ?string,
  ge?: ?string,
  gt?: ?string,
  contains?: ?string,
  notContains?: ?string,
  between?: ?Array< ?string >,
  beginsWith?: ?string,
  attributeExists?: ?boolean,
  attributeType?: ?ModelAttributeTypes,
  size?: ?ModelSizeInput,
|};

export type ModelAttributeTypes =
  "binary" |
  "binarySet" |
  "bool" |
  "list" |
  "map" |
  "number" |
  "numberSet" |
  "string" |
  "stringSet" |
  "_null";


export type ModelSizeInput = {|
  ne?: ?number,
  eq?: ?number,
  le?: ?number,
  lt?: ?number,
  ge?: ?number,
  gt?: ?number,
  between?: ?Array< ?number >,
|};

export type ModelBooleanInput = {|
  ne?: ?boolean,
  eq?: ?boolean,
  attributeExists?: ?boolean,
  attributeType?: ?ModelAttributeTypes,
|};

export type ModelIntInput = {|
  ne?: ?number,
  eq?: ?number,
  le?: ?number,
  lt?: ?number,
  ge?: ?number,
  gt?: ?number,
  between?: ?Array< ?number >,
  attributeExists?: ?boolean,
  attributeType?: ?ModelAttributeTypes,
|};

export type UpdateTodoInput = {|
  id: string,
  name?: ?string,
  description?: ?string,
  done?: ?boolean,
  priority?: ?number,
|};

export type DeleteTodoInput = {|
  id: string,
|};

export type CreateBlogInput = {|
  id?: ?string,
  name: string,
  owner?: ?string,
|};

export type ModelBlogConditionInput = {|
  name?: ?ModelStringInput,
  and?: ?Array< ?ModelBlogConditionInput >,
  or?: ?Array< ?ModelBlogConditionInput >,
  not?: ?ModelBlogConditionInput,
|};

export type UpdateBlogInput = {|
  id: string,
  name?: ?string,
  owner?: ?string,
|};

export type DeleteBlogInput = {|
  id: string,
|};

export type CreatePostInput = {|
  id?: ?string,
  blogID: string,
  title: string,
  body?: ?string,
  owner?: ?string,
  wordCount?: ?number,
|};

export type ModelPostConditionInput = {|
  blogID?: ?ModelIDInput,
  title?: ?ModelStringInput,
  body?: ?ModelStringInput,
  wordCount?: ?ModelIntInput,
  and?: ?Array< ?ModelPostConditionInput >,
  or?: ?Array< ?ModelPostConditionInput >,
  not?: ?ModelPostConditionInput,
|};

export type ModelIDInput = {|
  ne?: ?string,
  eq?: ?string,
  le?: ?string,
  lt?: ?string,
  ge?: ?string,
  gt?: ?string,
  contains?: ?string,
  notContains?: ?string,
  between?: ?Array< ?string >,
  beginsWith?: ?string,
  attributeExists?: ?boolean,
  attributeType?: ?ModelAttributeTypes,
  size?: ?ModelSizeInput,
|};

export type UpdatePostInput = {|
  id: string,
  blogID?: ?string,
  title?: ?string,
  body?: ?string,
  owner?: ?string,
  wordCount?: ?number,
|};

export type DeletePostInput = {|
  id: string,
|};

export type ModelTodoFilterInput = {|
  id?: ?ModelIDInput,
  name?: ?ModelStringInput,
  description?: ?ModelStringInput,
  done?: ?ModelBooleanInput,
  priority?: ?ModelIntInput,
  and?: ?Array< ?ModelTodoFilterInput >,
  or?: ?Array< ?ModelTodoFilterInput >,
  not?: ?ModelTodoFilterInput,
|};

export type ModelBlogFilterInput = {|
  id?: ?ModelIDInput,
  name?: ?ModelStringInput,
  owner?: ?ModelStringInput,
  and?: ?Array< ?ModelBlogFilterInput >,
  or?: ?Array< ?ModelBlogFilterInput >,
  not?: ?ModelBlogFilterInput,
|};

export type ModelPostFilterInput = {|
  id?: ?ModelIDInput,
  blogID?: ?ModelIDInput,
  title?: ?ModelStringInput,
  body?: ?ModelStringInput,
  owner?: ?ModelStringInput,
  wordCount?: ?ModelIntInput,
  and?: ?Array< ?ModelPostFilterInput >,
  or?: ?Array< ?ModelPostFilterInput >,
  not?: ?ModelPostFilterInput,
|};

export type ModelStringKeyConditionInput = {|
  eq?: ?string,
  le?: ?string,
  lt?: ?string,
  ge?: ?string,
  gt?: ?string,
  between?: ?Array< ?string >,
  beginsWith?: ?string,
|};

export type ModelSortDirection =
  "ASC" |
  "DESC";


export type CreateTodoMutationVariables = {|
  input: CreateTodoInput,
  condition?: ?ModelTodoConditionInput,
|};

export type CreateTodoMutation = {|
  createTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type UpdateTodoMutationVariables = {|
  input: UpdateTodoInput,
  condition?: ?ModelTodoConditionInput,
|};

export type UpdateTodoMutation = {|
  updateTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type DeleteTodoMutationVariables = {|
  input: DeleteTodoInput,
  condition?: ?ModelTodoConditionInput,
|};

export type DeleteTodoMutation = {|
  deleteTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type CreateBlogMutationVariables = {|
  input: CreateBlogInput,
  condition?: ?ModelBlogConditionInput,
|};

export type CreateBlogMutation = {|
  createBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type UpdateBlogMutationVariables = {|
  input: UpdateBlogInput,
  condition?: ?ModelBlogConditionInput,
|};

export type UpdateBlogMutation = {|
  updateBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type DeleteBlogMutationVariables = {|
  input: DeleteBlogInput,
  condition?: ?ModelBlogConditionInput,
|};

export type DeleteBlogMutation = {|
  deleteBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type CreatePostMutationVariables = {|
  input: CreatePostInput,
  condition?: ?ModelPostConditionInput,
|};

export type CreatePostMutation = {|
  createPost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};

export type UpdatePostMutationVariables = {|
  input: UpdatePostInput,
  condition?: ?ModelPostConditionInput,
|};

export type UpdatePostMutation = {|
  updatePost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};

export type DeletePostMutationVariables = {|
  input: DeletePostInput,
  condition?: ?ModelPostConditionInput,
|};

export type DeletePostMutation = {|
  deletePost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};

export type GetTodoQueryVariables = {|
  id: string,
|};

export type GetTodoQuery = {|
  getTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type ListTodosQueryVariables = {|
  filter?: ?ModelTodoFilterInput,
  limit?: ?number,
  nextToken?: ?string,
|};

export type ListTodosQuery = {|
  listTodos: ? {|
    __typename: "ModelTodoConnection",
    items:  Array<? {|
      __typename: string,
      id: string,
      name: string,
      description: ?string,
      done: ?boolean,
      priority: ?number,
      createdAt: any,
      updatedAt: any,
    |} >,
    nextToken: ?string,
  |},
|};

export type GetBlogQueryVariables = {|
  id: string,
|};

export type GetBlogQuery = {|
  getBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type ListBlogsQueryVariables = {|
  filter?: ?ModelBlogFilterInput,
  limit?: ?number,
  nextToken?: ?string,
|};

export type ListBlogsQuery = {|
  listBlogs: ? {|
    __typename: "ModelBlogConnection",
    items:  Array<? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |} >,
    nextToken: ?string,
  |},
|};

export type GetPostQueryVariables = {|
  id: string,
|};

export type GetPostQuery = {|
  getPost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};

export type ListPostsQueryVariables = {|
  filter?: ?ModelPostFilterInput,
  limit?: ?number,
  nextToken?: ?string,
|};

export type ListPostsQuery = {|
  listPosts: ? {|
    __typename: "ModelPostConnection",
    items:  Array<? {|
      __typename: string,
      id: string,
      blogID: string,
      title: string,
      body: ?string,
      owner: ?string,
      wordCount: ?number,
      createdAt: any,
      updatedAt: any,
    |} >,
    nextToken: ?string,
  |},
|};

export type PostsByBlogQueryVariables = {|
  blogID?: ?string,
  title?: ?ModelStringKeyConditionInput,
  sortDirection?: ?ModelSortDirection,
  filter?: ?ModelPostFilterInput,
  limit?: ?number,
  nextToken?: ?string,
|};

export type PostsByBlogQuery = {|
  postsByBlog: ? {|
    __typename: "ModelPostConnection",
    items:  Array<? {|
      __typename: string,
      id: string,
      blogID: string,
      title: string,
      body: ?string,
      owner: ?string,
      wordCount: ?number,
      createdAt: any,
      updatedAt: any,
    |} >,
    nextToken: ?string,
  |},
|};

export type OnCreateTodoSubscription = {|
  onCreateTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type OnUpdateTodoSubscription = {|
  onUpdateTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type OnDeleteTodoSubscription = {|
  onDeleteTodo: ? {|
    __typename: "Todo",
    id: string,
    name: string,
    description: ?string,
    done: ?boolean,
    priority: ?number,
    createdAt: any,
    updatedAt: any,
  |},
|};

export type OnCreateBlogSubscriptionVariables = {|
  owner?: ?string,
|};

export type OnCreateBlogSubscription = {|
  onCreateBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type OnUpdateBlogSubscriptionVariables = {|
  owner?: ?string,
|};

export type OnUpdateBlogSubscription = {|
  onUpdateBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type OnDeleteBlogSubscriptionVariables = {|
  owner?: ?string,
|};

export type OnDeleteBlogSubscription = {|
  onDeleteBlog: ? {|
    __typename: "Blog",
    id: string,
    name: string,
    owner: ?string,
    createdAt: any,
    updatedAt: any,
    posts: ? {|
      __typename: string,
      nextToken: ?string,
    |},
  |},
|};

export type OnCreatePostSubscriptionVariables = {|
  owner?: ?string,
|};

export type OnCreatePostSubscription = {|
  onCreatePost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};

export type OnUpdatePostSubscriptionVariables = {|
  owner?: ?string,
|};

export type OnUpdatePostSubscription = {|
  onUpdatePost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};

export type OnDeletePostSubscriptionVariables = {|
  owner?: ?string,
|};

export type OnDeletePostSubscription = {|
  onDeletePost: ? {|
    __typename: "Post",
    id: string,
    blogID: string,
    title: string,
    body: ?string,
    owner: ?string,
    wordCount: ?number,
    createdAt: any,
    updatedAt: any,
    blog: ? {|
      __typename: string,
      id: string,
      name: string,
      owner: ?string,
      createdAt: any,
      updatedAt: any,
    |},
  |},
|};