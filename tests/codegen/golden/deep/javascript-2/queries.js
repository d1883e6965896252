/* eslint-disable */
// this is an auto generated file. This will be overwritten

export const a = /* GraphQL */ `
  query A {
    a {
      b {
        __typename
      }
      n
      __typename
    }
  }
`;
export const b = /* GraphQL */ `
  query B {
    b {
      c {
        x
        __typename
      }
      __typename
    }
  }
`;
