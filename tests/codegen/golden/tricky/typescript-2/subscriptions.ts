/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedSubscription<InputType, OutputType> = string & {
  __generatedSubscriptionInput: InputType;
  __generatedSubscriptionOutput: OutputType;
};

export const onPaint = /* GraphQL */ `subscription OnPaint {
  onPaint
}
` as GeneratedSubscription<
  APITypes.OnPaintSubscriptionVariables,
  APITypes.OnPaintSubscription
>;
export const onAddBook = /* GraphQL */ `subscription OnAddBook {
  onAddBook {
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
` as GeneratedSubscription<
  APITypes.OnAddBookSubscriptionVariables,
  APITypes.OnAddBookSubscription
>;
