import { render } from 'preact';

// The widget benchmark's baseline: the least a Preact embed can do, mounted the way
// widget/ui/mount.tsx mounts the survey (a custom element with a shadow root on the body),
// with no config request, eligibility, styles or lazy-loaded second script.
const show = () => {
  const host = document.createElement('hello-widget');
  document.body.appendChild(host);
  render(<p>Hello</p>, host.attachShadow({ mode: 'open' }));
};
if (document.body) show();
else addEventListener('DOMContentLoaded', show);
