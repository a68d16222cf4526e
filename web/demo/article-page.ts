import { type ItemClickDetail, itemClickEvent } from '../related/related-element.js';

// Analytics hook: a site would send this to its analytics; the demo keeps the last click.
document.addEventListener(itemClickEvent, (event) => {
  const { itemId, position } = (event as CustomEvent<ItemClickDetail>).detail;
  document.body.dataset.lastRelatedClick = `${itemId}@${position}`;
});
