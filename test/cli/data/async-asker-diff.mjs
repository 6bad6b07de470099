export { diffAsker as default } from './async-asker.mjs';
