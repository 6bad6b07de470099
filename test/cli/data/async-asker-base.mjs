export { baseAsker as default } from './async-asker.mjs';
