/* @flow */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type PaintInput = {|
  colour: Colour,
  shades?: ?Array< Colour >,
  nested?: ?NestedInput,
|};

// Colours
export type Colour =
  "RED" | // the red one
  // green
  // two lines
  "GREEN" |
  "BLUE";


export type NestedInput = {|
  depth?: ?number,
  when?: ?any,
|};

export type Q1Query = {|
  search:Array< ?( {
      __typename: "Book",
      // the id
      id: string,
      // Pages
      // in the book
      pages: number,
      related: ?Array< ( {
          __typename: "Book",
          // the id
          id: string,
        } | {
          __typename: "Author",
          // the id
          id: string,
          name: ?string,
        }
      ) >,
      name: ?string,
    } | {
      __typename: "Magazine",
      issue: ?number,
    }
  ) >,
  lonely: ?( {
      __typename: "OnlyOne",
      y: ?string,
      x: ?number,
    }
  ),
|};

export type M1MutationVariables = {|
  input: PaintInput,
|};

export type M1Mutation = {|
  paint: ?Colour,
|};

export type S1Subscription = {|
  onAddBook: ? {|
    __typename: "Book",
    // Pages
    // in the book
    pages: number,
    related: ?Array< ( {
        __typename: "Book",
        // the id
        id: string,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name: ?string,
      }
    ) >,
    name: ?string,
    author: {|
      __typename: string,
      // the id
      id: string,
      name: ?string,
    |},
  |},
|};

export type InnerFragment = {|
  __typename: "Book",
  // Pages
  // in the book
  pages: number,
  related: ?Array< ( {
      __typename: "Book",
      // the id
      id: string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name: ?string,
    }
  ) >,
|};

export type NodeIdFragment = ( {
      __typename: "Book",
      // the id
      id: string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name: ?string,
    }
  );

export type OuterFragment = {|
  __typename: "Book",
  // Pages
  // in the book
  pages: number,
  related: ?Array< ( {
      __typename: "Book",
      // the id
      id: string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name: ?string,
    }
  ) >,
  name: ?string,
|};

export type MagFragment = {|
  __typename: "Magazine",
  issue: ?number,
|};