/* eslint-disable */
// this is an auto generated file. This will be overwritten

export const onPaint = /* GraphQL */ `
  subscription OnPaint {
    onPaint
  }
`;
export const onAddBook = /* GraphQL */ `
  subscription OnAddBook {
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
`;
