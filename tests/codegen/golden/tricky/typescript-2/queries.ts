/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedQuery<InputType, OutputType> = string & {
  __generatedQueryInput: InputType;
  __generatedQueryOutput: OutputType;
};

export const node = /* GraphQL */ `query Node($id: ID!) {
  node(id: $id) {
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
}
` as GeneratedQuery<APITypes.NodeQueryVariables, APITypes.NodeQuery>;
export const search = /* GraphQL */ `query Search($text: String!, $colours: [Colour]) {
  search(text: $text, colours: $colours) {
    ... on Book {
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
    }
    ... on Magazine {
      title
      issue
    }
  }
}
` as GeneratedQuery<APITypes.SearchQueryVariables, APITypes.SearchQuery>;
export const books = /* GraphQL */ `query Books {
  books {
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
` as GeneratedQuery<APITypes.BooksQueryVariables, APITypes.BooksQuery>;
export const single = /* GraphQL */ `query Single {
  single {
    title
    issue
    __typename
  }
}
` as GeneratedQuery<APITypes.SingleQueryVariables, APITypes.SingleQuery>;
export const lonely = /* GraphQL */ `query Lonely {
  lonely {
    x

    ... on OnlyOne {
      y
    }
  }
}
` as GeneratedQuery<APITypes.LonelyQueryVariables, APITypes.LonelyQuery>;
