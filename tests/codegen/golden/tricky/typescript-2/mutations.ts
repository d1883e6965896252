/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedMutation<InputType, OutputType> = string & {
  __generatedMutationInput: InputType;
  __generatedMutationOutput: OutputType;
};

export const paint = /* GraphQL */ `mutation Paint($input: PaintInput!) {
  paint(input: $input)
}
` as GeneratedMutation<APITypes.PaintMutationVariables, APITypes.PaintMutation>;
export const addBook = /* GraphQL */ `mutation AddBook($name: String!) {
  addBook(name: $name) {
    id
    name
    pages
    author {
      id
      name
      __typename
    }
    tags
    matrix
    when
    meta
    related {
      id
      name

      ... on Book {
        pages
        tags
        matrix
        when
        meta
      }
    }
    __typename
  }
}
` as GeneratedMutation<
  APITypes.AddBookMutationVariables,
  APITypes.AddBookMutation
>;
