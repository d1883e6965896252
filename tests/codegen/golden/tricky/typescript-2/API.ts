/* tslint:disable */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

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

export type Node = {
  __typename: "Node",
  // the id
  id: string,
  name?: string | null,
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

export type PaintMutationVariables = {
  input: PaintInput,
};

export type PaintMutation = {
  paint?: Colour | null,
};

export type AddBookMutationVariables = {
  name: string,
};

export type AddBookMutation = {
  addBook:  {
    __typename: "Book",
    id: string,
    name?: string | null,
    // Pages
    // in the book
    pages: number,
    author:  {
      __typename: "Author",
      id: string,
      name?: string | null,
    },
    tags: Array< string >,
    matrix?: Array< Array< number | null > | null > | null,
    when?: number | null,
    meta?: string | null,
    related:  Array<( {
        __typename: "Book",
        // the id
        id: string,
        name?: string | null,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix?: Array< Array< number | null > | null > | null,
        when?: number | null,
        meta?: string | null,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name?: string | null,
      }
    ) > | null,
  },
};

export type NodeQueryVariables = {
  id: string,
};

export type NodeQuery = {
  // Fetch a node
  node: ( {
      __typename: "Book",
      // the id
      id: string,
      name?: string | null,
      // Pages
      // in the book
      pages: number,
      author:  {
        __typename: string,
        id: string,
        name?: string | null,
      },
      tags: Array< string >,
      matrix?: Array< Array< number | null > | null > | null,
      when?: number | null,
      meta?: string | null,
      related:  Array<( {
          __typename: "Book",
          // the id
          id: string,
          name?: string | null,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix?: Array< Array< number | null > | null > | null,
          when?: number | null,
          meta?: string | null,
        } | {
          __typename: "Author",
          // the id
          id: string,
          name?: string | null,
        }
      ) > | null,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name?: string | null,
      books:  Array< {
        __typename: string,
        id: string,
        name?: string | null,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix?: Array< Array< number | null > | null > | null,
        when?: number | null,
        meta?: string | null,
      } | null >,
      search: ( {
          __typename: "Book",
          id: string,
          name?: string | null,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix?: Array< Array< number | null > | null > | null,
          when?: number | null,
          meta?: string | null,
        } | {
          __typename: "Magazine",
          title: string,
          issue?: number | null,
        }
      ) | null,
    }
  ) | null,
};

export type SearchQueryVariables = {
  text: string,
  colours?: Array< Colour | null > | null,
};

export type SearchQuery = {
  search:  Array<( {
      __typename: "Book",
      id: string,
      name?: string | null,
      // Pages
      // in the book
      pages: number,
      author:  {
        __typename: string,
        id: string,
        name?: string | null,
      },
      tags: Array< string >,
      matrix?: Array< Array< number | null > | null > | null,
      when?: number | null,
      meta?: string | null,
      related:  Array<( {
          __typename: "Book",
          // the id
          id: string,
          name?: string | null,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix?: Array< Array< number | null > | null > | null,
          when?: number | null,
          meta?: string | null,
        } | {
          __typename: "Author",
          // the id
          id: string,
          name?: string | null,
        }
      ) > | null,
    } | {
      __typename: "Magazine",
      title: string,
      issue?: number | null,
    }
  ) | null >,
};

export type BooksQueryVariables = {
};

export type BooksQuery = {
  books?:  Array< {
    __typename: "Book",
    id: string,
    name?: string | null,
    // Pages
    // in the book
    pages: number,
    author:  {
      __typename: "Author",
      id: string,
      name?: string | null,
    },
    tags: Array< string >,
    matrix?: Array< Array< number | null > | null > | null,
    when?: number | null,
    meta?: string | null,
    related:  Array<( {
        __typename: "Book",
        // the id
        id: string,
        name?: string | null,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix?: Array< Array< number | null > | null > | null,
        when?: number | null,
        meta?: string | null,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name?: string | null,
      }
    ) > | null,
  } > | null,
};

export type SingleQueryVariables = {
};

export type SingleQuery = {
  single:  {
    __typename: "Magazine",
    title: string,
    issue?: number | null,
  },
};

export type LonelyQueryVariables = {
};

export type LonelyQuery = {
  lonely: ( {
      __typename: "OnlyOne",
      x?: number | null,
      y?: string | null,
    }
  ) | null,
};

export type OnPaintSubscriptionVariables = {
};

export type OnPaintSubscription = {
  onPaint?: Colour | null,
};

export type OnAddBookSubscriptionVariables = {
};

export type OnAddBookSubscription = {
  onAddBook?:  {
    __typename: "Book",
    id: string,
    name?: string | null,
    // Pages
    // in the book
    pages: number,
    author:  {
      __typename: "Author",
      id: string,
      name?: string | null,
    },
    tags: Array< string >,
    matrix?: Array< Array< number | null > | null > | null,
    when?: number | null,
    meta?: string | null,
    related:  Array<( {
        __typename: "Book",
        // the id
        id: string,
        name?: string | null,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix?: Array< Array< number | null > | null > | null,
        when?: number | null,
        meta?: string | null,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name?: string | null,
      }
    ) > | null,
  } | null,
};
