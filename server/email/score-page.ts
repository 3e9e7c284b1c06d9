// The page an email's score button opens. The GET only shows the score as chosen: mail
// security scanners open every link in a message (and would answer for the person) but run
// no scripts, so the score is recorded by a POST the page makes, from its script or, without
// scripts, from its <noscript> button. Served from /email (server/routes/email-pages.ts).

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Where the page posts the score: the request's token and the score are the whole input. */
export const scorePostUrl = (surveyId: string, token: string, score: number) => `/email/score?survey=${encodeURIComponent(surveyId)}&t=${encodeURIComponent(token)}&score=${score}`;

/**
 * Posts the score, then loads the widget (data-* copied from this script's own) to ask the
 * rest of the survey under the same response. A failed POST still loads the widget, whose own
 * submission keeps the score. Plain ES5: it runs before anything else on the page.
 */
export const scoreScript = `(function(){var s=document.currentScript;if(!s)return;var d=s.dataset;
function widget(){var w=document.createElement('script');w.src='/widget.js';for(var k in d)if(k!=='post')w.setAttribute('data-'+k.replace(/[A-Z]/g,function(c){return '-'+c.toLowerCase()}),d[k]);document.body.appendChild(w)}
fetch(d.post,{method:'POST',credentials:'omit',headers:{accept:'application/json'}}).then(widget,widget)})();`;

/** The score page's body after the survey's heading: the widget's mount point, the fallback form and the script. */
export function scorePageBody(o: { surveyId: string; token: string; score: number; widgetAttrs: string[] }): string {
  const post = scorePostUrl(o.surveyId, o.token, o.score);
  return `<div id="survey"></div><noscript><form class="notice" method="post" action="${esc(post)}"><p>You chose <b>${o.score}</b>.</p><button class="btn" type="submit">Send my answer</button></form></noscript><script defer src="/email/score.js" data-post="${esc(post)}" ${o.widgetAttrs.join(' ')}></script>`;
}
