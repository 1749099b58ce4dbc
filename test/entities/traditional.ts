import { Converter } from 'opencc-js/cn2t';

const s2t = Converter({ from: 'cn', to: 'tw' });

/** Simplified → traditional (OpenCC), to test that traditional input reads the same. */
export function toTraditional(text: string): string {
  return s2t(text);
}
