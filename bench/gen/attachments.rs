//! Attachments: the briefs that some work orders carry (`clients/<id>/files/`).

use crate::model::{Ctx, Gen};
use crate::yaml::{Node, t};

impl Gen {
    /// Now and then a brief for work order `number` of client `c`: adds the order's
    /// `attachments` field to `fields` and returns the file (its path in the workspace and
    /// its text), which the order's creating commit adds.
    pub fn brief(
        &mut self,
        ctx: &Ctx,
        c: usize,
        number: &str,
        title: &str,
        fields: &mut Vec<(&'static str, Node)>,
    ) -> Vec<(String, String)> {
        let mut files = Vec::new();
        if self.rng.chance(0.15) {
            let name = format!("{number}-brief.txt");
            fields.push((
                "attachments",
                Node::Block(vec![t(format!("../files/{name}"))]),
            ));
            let text = format!(
                "Brief for {number}: {title}\n\n{}\n",
                self.paragraph(ctx, 3)
            );
            files.push((format!("clients/{}/files/{name}", self.clients[c].id), text));
        }
        files
    }
}
