// @flow
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
        books {
          id
          name
          pages
          tags
          matrix
          when
          meta
          __typename
        }
        search {
          ... on Book {
            id
            name
            pages
            tags
            matrix
            when
            meta
          }
          ... on Magazine {
            title
            issue
          }
        }
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
        }
        ... on Author {
          books {
            id
            name
            pages
            tags
            matrix
            when
            meta
            __typename
          }
          search {
            ... on Book {
              id
              name
              pages
              tags
              matrix
              when
              meta
            }
            ... on Magazine {
              title
              issue
            }
          }
        }
      }
      __typename
    }
  }
`;
