// Webview (browser): entry of the diagram view's script (dist/webview.js) and its stylesheet (dist/webview.css).
import './styles.css';
import './traceStyles.css';
import './timelineStyles.css';
import { DiagramPageController } from './diagramPageController';

const root = document.getElementById('root');
if (root) new DiagramPageController(root).start();
