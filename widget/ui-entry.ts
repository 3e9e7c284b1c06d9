import { mount } from './ui/mount';

// The lazily loaded survey UI (widget/ui.<hash>.js). It hands `mount` to the loader with an
// event on its own <script> element, so it needs no global of its own.
document.currentScript?.dispatchEvent(new CustomEvent('chorus-ui', { detail: mount }));
