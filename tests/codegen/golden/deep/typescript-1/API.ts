/* tslint:disable */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type A = {
  __typename: "A",
  b?: B | null,
  n?: number | null,
};

export type B = {
  __typename: "B",
  c?: C | null,
};

export type C = {
  __typename: "C",
  x?: number | null,
};

export type AQueryVariables = {
};

export type AQuery = {
  a?:  {
    __typename: "A",
    n?: number | null,
  } | null,
};

export type BQueryVariables = {
};

export type BQuery = {
  b?:  {
    __typename: "B",
  } | null,
};
