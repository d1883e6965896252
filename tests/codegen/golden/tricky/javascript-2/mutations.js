/* eslint-disable */
// this is an auto generated file. This will be overwritten

export const paint = /* GraphQL */ `
  mutation Paint($input: PaintInput!) {
    paint(input: $input)
  }
`;
export const addBook = /* GraphQL */ `
  mutation AddBook($name: String!) {
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
`;
