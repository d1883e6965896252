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

export type CustomQueryVariables = {
  id: string,
  skip: boolean,
};

export type CustomQuery = {
  // Fetch a node
  first: ( {
      __typename: "Book",
      // the id
      id: string,
      // Pages
      // in the book
      pages: number,
      title?: string | null,
      author:  {
        __typename: string,
        name?: string | null,
      },
    } | {
      __typename: "Author",
      // the id
      id: string,
      books:  Array< {
        __typename: string,
        id: string,
      } | null >,
    }
  ) | null,
  single:  {
    __typename: "Magazine",
    title: string,
    issue?: number | null,
  },
  found:  Array<( {
      __typename: "Book",
    } | {
      __typename: "Magazine",
      title: string,
    }
  ) | null >,
};

export type PaintMutationVariables = {
  input: PaintInput,
};

export type PaintMutation = {
  paint?: Colour | null,
};

export type WithFragQueryVariables = {
  id: string,
};

export type WithFragQuery = {
  // Fetch a node
  node: ( {
      __typename: "Book",
      // the id
      id: string,
      name?: string | null,
      // Pages
      // in the book
      pages: number,
      title?: string | null,
      tags: Array< string >,
      author:  {
        __typename: string,
        id: string,
      },
    } | {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
    }
  ) | null,
  books?:  Array< {
    __typename: "Book",
    title?: string | null,
    tags: Array< string >,
    author:  {
      __typename: "Author",
      id: string,
      books:  Array< {
        __typename: "Book",
        id: string,
      } | null >,
      search: ( {
          __typename: "Book",
        } | {
          __typename: "Magazine",
          title: string,
        }
      ) | null,
    },
  } > | null,
  single:  {
    __typename: "Magazine",
    title: string,
    issue?: number | null,
  },
};

export type NodeBitsFragment = ( {
      __typename: "Book",
      // the id
      id: string,
      name?: string | null,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
    }
  );

export type BookBitsFragment = {
  __typename: "Book",
  title?: string | null,
  tags: Array< string >,
  author:  {
    __typename: "Author",
    id: string,
  },
};

export type AuthorBitsFragment = {
  __typename: "Author",
  books:  Array< {
    __typename: "Book",
    id: string,
  } | null >,
  search: ( {
      __typename: "Book",
    } | {
      __typename: "Magazine",
      title: string,
    }
  ) | null,
};

export type MagBitsFragment = {
  __typename: "Magazine",
  title: string,
  issue?: number | null,
};

export type SearchBitsFragment = ( {
      __typename: "Book",
      id: string,
    } | {
      __typename: "Magazine",
    }
  );
