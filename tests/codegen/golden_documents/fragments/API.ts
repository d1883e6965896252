/* tslint:disable */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type Node = {
  __typename: "Node",
  // the id
  id: string,
  name?: string | null,
};

export type Book = {
  __typename: "Book",
  id: string,
  name?: string | null,
  // Pages
  // in the book
  pages: number,
  author: Author,
  tags: Array< string >,
  matrix?: Array< Array< number | null > | null > | null,
  when?: number | null,
  meta?: string | null,
  related?:  Array<Node > | null,
};

export type Author = {
  __typename: "Author",
  id: string,
  name?: string | null,
  books:  Array<Book | null >,
  search?: SearchResult | null,
};

export type SearchResult = Book | Magazine


export type Magazine = {
  __typename: "Magazine",
  title: string,
  issue?: number | null,
};

export type Lonely = {
  __typename: "Lonely",
  x?: number | null,
};

export type OnlyOne = {
  __typename: "OnlyOne",
  x?: number | null,
  y?: string | null,
};

export type PaintInput = {
  colour: Colour,
  shades?: Array< Colour > | null,
  nested?: NestedInput | null,
};

// Colours
export enum Colour {
  RED = "RED", // the red one
  // green
  // two lines
  GREEN = "GREEN",
  BLUE = "BLUE",
}


export type NestedInput = {
  depth?: number | null,
  when?: string | null,
};

export type Q1QueryVariables = {
};

export type Q1Query = {
  search:  Array<( {
      __typename: "Book",
      // the id
      id: string,
      // Pages
      // in the book
      pages: number,
      related:  Array<( {
          __typename: "Book",
          // the id
          id: string,
        } | {
          __typename: "Author",
          // the id
          id: string,
          name?: string | null,
        }
      ) > | null,
      name?: string | null,
    } | {
      __typename: "Magazine",
      issue?: number | null,
    }
  ) | null >,
  lonely: ( {
      __typename: "OnlyOne",
      y?: string | null,
      x?: number | null,
    }
  ) | null,
};

export type M1MutationVariables = {
  input: PaintInput,
};

export type M1Mutation = {
  paint?: Colour | null,
};

export type S1SubscriptionVariables = {
};

export type S1Subscription = {
  onAddBook?:  {
    __typename: "Book",
    // Pages
    // in the book
    pages: number,
    related:  Array<( {
        __typename: "Book",
        // the id
        id: string,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name?: string | null,
      }
    ) > | null,
    name?: string | null,
    author:  {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
    },
  } | null,
};

export type InnerFragment = {
  __typename: "Book",
  // Pages
  // in the book
  pages: number,
  related:  Array<( {
      __typename: "Book",
      // the id
      id: string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
    }
  ) > | null,
};

export type NodeIdFragment = ( {
      __typename: "Book",
      // the id
      id: string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
    }
  );

export type OuterFragment = {
  __typename: "Book",
  // Pages
  // in the book
  pages: number,
  related:  Array<( {
      __typename: "Book",
      // the id
      id: string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
    }
  ) > | null,
  name?: string | null,
};

export type MagFragment = {
  __typename: "Magazine",
  issue?: number | null,
};
