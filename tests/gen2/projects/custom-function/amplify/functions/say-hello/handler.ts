import type { Schema } from '../../data/resource';

export const handler: Schema['sayHello']['functionHandler'] = async (event) =>
  `${process.env.GREETING}, ${event.arguments.name}!`;
