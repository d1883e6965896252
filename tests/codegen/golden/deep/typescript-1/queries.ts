/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedQuery<InputType, OutputType> = string & {
  __generatedQueryInput: InputType;
  __generatedQueryOutput: OutputType;
};

export const a = /* GraphQL */ `query A {
  a {
    n
    __typename
  }
}
` as GeneratedQuery<APITypes.AQueryVariables, APITypes.AQuery>;
export const b = /* GraphQL */ `query B {
  b {
    __typename
  }
}
` as GeneratedQuery<APITypes.BQueryVariables, APITypes.BQuery>;
